"""Rules whose logic is code. Each module registers its checks with ``@register("name")``."""
