"""Put long comment threads into the finished page instead of through the templates.

Django's template engine copies a block's output at every level of nesting
(section, content block, base template ...). For a 5,000-comment thread of
several megabytes that copying costs more than building the thread. So
`{% comments_for %}` leaves a marker with a random nonce in the page, and
this middleware replaces it in the rendered bytes: one encode, one replace.

It must sit after CommonMiddleware (and anything that computes ETags or
lengths from the body) in MIDDLEWARE, so that it sees the response first.
Without it, the tag puts the thread in the page itself.
"""

REQUEST_ATTRIBUTE = "_comments_thread_splices"
PATH = "utgivare.comments.middleware.ThreadSplicingMiddleware"


class ThreadSplicingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        splices = getattr(request, REQUEST_ATTRIBUTE, None)
        if not splices or getattr(response, "streaming", False):
            return response
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        content = response.content
        for marker, html in splices.items():
            content = content.replace(marker.encode(), html.encode(response.charset or "utf-8"), 1)
        response.content = content
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(content))
        return response
