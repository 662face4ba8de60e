def test_sitemap_lists_published_articles(client, article):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert f"http://testserver{article.url}".encode() in response.content


def test_sitemap_leaves_out_unpublished_articles(client, article):
    url = f"http://testserver{article.url}".encode()
    article.unpublish()
    sitemap = client.get("/sitemap.xml").content
    assert url not in sitemap
    assert b"http://testserver/sektion-1/" in sitemap


def test_robots_txt_keeps_crawlers_out_of_admin_and_accounts(client, db):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Disallow: /konto/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
