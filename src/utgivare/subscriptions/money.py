"""Money as integer öre, shown the Swedish way: "1 195 kr", "99,50 kr"."""

NBSP = "\u00a0"


def format_kr(amount_ore: int, currency: str = "SEK") -> str:
    sign = "-" if amount_ore < 0 else ""
    kronor, ore = divmod(abs(amount_ore), 100)
    whole = f"{kronor:,}".replace(",", NBSP)
    number = f"{whole},{ore:02d}" if ore else whole
    unit = "kr" if currency.upper() == "SEK" else currency.upper()
    return f"{sign}{number}{NBSP}{unit}"


def parse_kr(text: str) -> int:
    """ "1 195", "99,50", "99.5" -> öre. Raises ValueError on anything else."""
    cleaned = text.replace(NBSP, "").replace(" ", "").replace("kr", "").strip()
    cleaned = cleaned.replace(",", ".")
    if not cleaned:
        raise ValueError(text)
    kronor, _, ore = cleaned.partition(".")
    if not kronor.isdigit() or (ore and (not ore.isdigit() or len(ore) > 2)):
        raise ValueError(text)
    return int(kronor) * 100 + int(ore.ljust(2, "0") if ore else 0)
