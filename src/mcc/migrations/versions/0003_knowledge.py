"""Knowledge base: documents, version history, stored embeddings.

Revision ID: 0003_knowledge
Revises: 0002_sync
Create Date: 2026-11-24 06:01:11.188913
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import mcc.models.base

revision: str = "0003_knowledge"
down_revision: str | None = "0002_sync"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "knowledge_document_versions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("document_key", sa.String(length=500), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("change", sa.String(length=20), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("created_at", mcc.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", mcc.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge_document_versions")),
        sa.UniqueConstraint(
            "document_key", "version", name=op.f("uq_knowledge_document_versions_document_key")
        ),
    )
    with op.batch_alter_table("knowledge_document_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_knowledge_document_versions_document_key"),
            ["document_key"],
            unique=False,
        )

    op.create_table(
        "knowledge_documents",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=500), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("category", sa.String(length=100), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("created_at", mcc.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", mcc.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge_documents")),
        sa.UniqueConstraint("key", name=op.f("uq_knowledge_documents_key")),
    )
    with op.batch_alter_table("knowledge_documents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_knowledge_documents_category"), ["category"], unique=False
        )

    op.create_table(
        "knowledge_vectors",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("embedder", sa.String(length=200), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("dims", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", mcc.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", mcc.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["knowledge_documents.id"],
            name=op.f("fk_knowledge_vectors_document_id_knowledge_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge_vectors")),
        sa.UniqueConstraint(
            "document_id", "embedder", name=op.f("uq_knowledge_vectors_document_id")
        ),
    )
    with op.batch_alter_table("knowledge_vectors", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_knowledge_vectors_document_id"), ["document_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("knowledge_vectors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_knowledge_vectors_document_id"))

    op.drop_table("knowledge_vectors")
    with op.batch_alter_table("knowledge_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_knowledge_documents_category"))

    op.drop_table("knowledge_documents")
    with op.batch_alter_table("knowledge_document_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_knowledge_document_versions_document_key"))

    op.drop_table("knowledge_document_versions")
