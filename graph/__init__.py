"""kg: a knowledge-graph builder for news, with provenance to the sentence."""

__version__ = "0.1.0"
TOOL_NAME = "kg-news"
