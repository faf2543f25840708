"""What every resolver receives: the database (resolvers open the unit of work) and settings."""

from __future__ import annotations

from typing import TypeAlias

import strawberry
from strawberry.fastapi import BaseContext

from mcc.config import Settings
from mcc.db import Database


class Context(BaseContext):
    def __init__(self, db: Database, settings: Settings) -> None:
        super().__init__()
        self.db = db
        self.settings = settings


Info: TypeAlias = strawberry.Info[Context, None]
