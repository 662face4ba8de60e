def test_article_page_renders_headline_and_lead(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    assert article.title in response.content.decode()
    assert article.lead in response.content.decode()
