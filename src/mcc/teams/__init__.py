"""Teams and memberships, and the `Scope` that decides which campaigns a user sees and changes."""
