"""Shared media layer for podcasts and web-TV: storing, serving, signing, counting.

API (everything else is internal):
- `models.MediaFile` (title, kind audio/video, file in the private storage
  `STORAGES["private_media"]`, never under MEDIA_URL; facts `mime_type`,
  `duration_seconds`, `bitrate`, `size` read from the bytes) and `models.Download`.
  The admin uploads through `forms.AudioFileForm` (snippet "Ljudfiler"): uploads go
  to a temp file (settings.FILE_UPLOAD_HANDLERS), facts are read with mutagen
  (`metadata.read_audio`), and a file that is not audio or is broken is refused
  with a message, nothing stored. From code: `storing.store_audio(path, title)`.
- `signing.sign(file_id, subject, expires) -> token`, `signing.verify(token, now) ->
  Grant | None` (HMAC over file id, subject, expiry; changed or expired: None).
  Subjects: "p" public (free pieces only), "m" a reader the page let in on the
  meter, "u<user id>" a subscriber (entitlements asked again at each fetch).
- `addresses.signed_path(media_file, subject, expires, title)` -> `/mediafil/<token>/<name>`.
- `owners.register(fn)`: the app owning files registers `fn(ids) -> {id: piece}` in
  its `AppConfig.ready()`; `views.fetch` finds the piece, takes its level from
  `paywall.gate.piece_level` and the subject's `subscriptions.entitlements`, and asks
  `access.may_fetch` (pure).
- `serving.file_response(request, media_file)`: 200/206/416 and HEAD, streamed in
  64 KB chunks from storage; `serving.presigned_redirect` for S3 (5 minutes).
- `ranges.requested_range(header, size)`: the Range rule (pure).
- `downloads.record(...)`: IAB-style counting (pure rules `is_download_sized`,
  `is_new_download`; listener key from `core.ip_hashing`, no raw address stored).
"""
