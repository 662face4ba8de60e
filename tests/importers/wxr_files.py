"""WordPress exports (WXR) for tests, built from plain values."""

from xml.sax.saxutils import escape

NAMESPACES = {
    "1.2": "http://wordpress.org/export/1.2/",
    "1.1": "http://wordpress.org/export/1.1/",
}


def cdata(text: str) -> str:
    """Text as CDATA; a "]]>" inside is split across two sections, as WordPress does."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def comment_xml(c: dict) -> str:
    return f"""
    <wp:comment>
      <wp:comment_id>{c["id"]}</wp:comment_id>
      <wp:comment_author>{cdata(c.get("author", "Läsare"))}</wp:comment_author>
      <wp:comment_author_email>{escape(c.get("email", "lasare@example.org"))}
      </wp:comment_author_email>
      <wp:comment_author_url>{escape(c.get("url", ""))}</wp:comment_author_url>
      <wp:comment_author_IP>{c.get("ip", "192.0.2.7")}</wp:comment_author_IP>
      <wp:comment_date>{c.get("date", "2024-03-01 10:00:00")}</wp:comment_date>
      <wp:comment_date_gmt>{c.get("date", "2024-03-01 09:00:00")}</wp:comment_date_gmt>
      <wp:comment_content>{cdata(c.get("text", "En kommentar."))}</wp:comment_content>
      <wp:comment_approved>{c.get("approved", "1")}</wp:comment_approved>
      <wp:comment_type>{c.get("type", "comment")}</wp:comment_type>
      <wp:comment_parent>{c.get("parent", 0)}</wp:comment_parent>
      <wp:comment_user_id>0</wp:comment_user_id>
    </wp:comment>"""


def item_xml(p: dict, base: str) -> str:
    slug = p.get("slug", f"inlagg-{p['id']}")
    date = p.get("date", "2019-05-03 10:15:00")
    terms = "".join(
        f'<category domain="{domain}" nicename="{slug_}">{cdata(name)}</category>'
        for domain, slug_, name in p.get("terms", [])
    )
    meta = "".join(
        f"<wp:postmeta><wp:meta_key>{key}</wp:meta_key>"
        f"<wp:meta_value>{cdata(value)}</wp:meta_value></wp:postmeta>"
        for key, value in p.get("meta", {}).items()
    )
    link = p.get("link", f"{base}/{date[:4]}/{date[5:7]}/{date[8:10]}/{slug}/")
    return f"""
  <item>
    <title>{escape(p.get("title", "Ett inlägg"))}</title>
    <link>{escape(link)}</link>
    <pubDate>Fri, 03 May 2019 08:15:00 +0000</pubDate>
    <dc:creator>{cdata(p.get("creator", "karin"))}</dc:creator>
    <guid isPermaLink="false">{base}/?p={p["id"]}</guid>
    <description></description>
    <content:encoded>{cdata(p.get("content", "Text."))}</content:encoded>
    <excerpt:encoded>{cdata(p.get("excerpt", ""))}</excerpt:encoded>
    <wp:post_id>{p["id"]}</wp:post_id>
    <wp:post_date>{cdata(date)}</wp:post_date>
    <wp:post_date_gmt>{cdata(p.get("date_gmt", date))}</wp:post_date_gmt>
    <wp:post_modified>{cdata(p.get("modified", date))}</wp:post_modified>
    <wp:post_modified_gmt>{cdata(p.get("modified", date))}</wp:post_modified_gmt>
    <wp:comment_status>open</wp:comment_status>
    <wp:post_name>{cdata(slug)}</wp:post_name>
    <wp:status>{p.get("status", "publish")}</wp:status>
    <wp:post_parent>{p.get("parent", 0)}</wp:post_parent>
    <wp:post_type>{p.get("type", "post")}</wp:post_type>
    <wp:post_password>{cdata(p.get("password", ""))}</wp:post_password>
    <wp:attachment_url>{escape(p.get("attachment_url", ""))}</wp:attachment_url>
    {p.get("extra", "")}
    {terms}{meta}{"".join(comment_xml(c) for c in p.get("comments", []))}
  </item>"""


def export(posts, *, version="1.2", base="https://gamla.example.org", extra_channel=""):
    wp = NAMESPACES[version]
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="{wp}excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="{wp}">
<channel>
  <title>Karins gamla blogg</title>
  <link>{base}</link>
  <description>Om makten i Norrvik</description>
  <language>sv-SE</language>
  <wp:wxr_version>{version}</wp:wxr_version>
  <wp:base_site_url>{base}</wp:base_site_url>
  <wp:base_blog_url>{base}</wp:base_blog_url>
  <wp:author><wp:author_id>2</wp:author_id><wp:author_login>{cdata("karin")}</wp:author_login>
    <wp:author_email>{cdata("karin@example.org")}</wp:author_email>
    <wp:author_display_name>{cdata("Karin Lund")}</wp:author_display_name></wp:author>
  <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>{cdata("kommunen")}</wp:category_nicename>
    <wp:category_parent>{cdata("")}</wp:category_parent><wp:cat_name>{cdata("Kommunen")}</wp:cat_name></wp:category>
  <wp:tag><wp:term_id>7</wp:term_id><wp:tag_slug>{cdata("hamnen")}</wp:tag_slug><wp:tag_name>{cdata("Hamnen")}</wp:tag_name></wp:tag>
  {extra_channel}
  {"".join(item_xml(p, base) for p in posts)}
</channel>
</rss>
"""
