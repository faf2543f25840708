"""Feedback from pilot users: ratings of assistant answers and the weekly pilot survey."""
