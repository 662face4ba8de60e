"""Which piece a media file belongs to: a registry the apps above fill.

`register(fn)`: `fn(media_file_ids) -> {media_file_id: piece}`, called from the
owning app's `AppConfig.ready()` (podcasts, webtv). Media asks it at each fetch,
so the piece's access level and content type decide, never the token alone.
"""

_finders = []


def register(finder):
    if finder not in _finders:
        _finders.append(finder)


def piece_for(media_file_id: int):
    for finder in _finders:
        piece = finder([media_file_id]).get(media_file_id)
        if piece is not None:
            return piece
    return None
