"""Poddradio: shows and episodes as Wagtail pages, their public and private feeds.

Page tree: HomePage -> PodcastIndexPage /poddradio/ -> PodcastShowPage
/poddradio/<show>/ (public feed at flode/) -> PodcastEpisodePage. The audio is a
`media.MediaFile`; every file address is signed (media.addresses) and checked again
at each fetch (media.views). Private feeds: `feeds_private.py`, `PrivateFeed`.
"""
