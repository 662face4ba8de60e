"""schema.org PodcastEpisode JSON-LD, from what every reader may see: the lead, never
the show notes or the transcript; the audio address only for a free episode."""

from utgivare.publication.structured_data import PAYWALLED_SELECTOR


def episode_json_ld(*, episode, show, url, show_url, audio_url, is_accessible_for_free, publisher):
    data = {
        "@context": "https://schema.org",
        "@type": "PodcastEpisode",
        "name": episode.title,
        "description": episode.lead,
        "url": url,
        "datePublished": episode.date.isoformat(),
        "inLanguage": "sv",
        "isAccessibleForFree": is_accessible_for_free,
        "publisher": {"@type": "Organization", "name": publisher},
    }
    if show is not None:
        data["partOfSeries"] = {"@type": "PodcastSeries", "name": show.title, "url": show_url}
    if episode.episode_number:
        data["episodeNumber"] = episode.episode_number
    if episode.season_number:
        data["partOfSeason"] = {
            "@type": "PodcastSeason",
            "seasonNumber": episode.season_number,
        }
    if episode.audio_id:
        seconds = round(episode.audio.duration_seconds)
        media = {
            "@type": "AudioObject",
            "encodingFormat": episode.audio.mime_type,
            "duration": f"PT{seconds // 60}M{seconds % 60}S",
        }
        if audio_url and is_accessible_for_free:
            media["contentUrl"] = audio_url
        data["associatedMedia"] = media
    if episode.guest_list:
        data["actor"] = [{"@type": "Person", "name": name} for name in episode.guest_list]
    if not is_accessible_for_free:
        data["hasPart"] = {
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": PAYWALLED_SELECTOR,
        }
    return data
