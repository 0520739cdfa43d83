"""Bulk comments for the benchmarks, generated inside PostgreSQL (generate_series)."""

from django.db import connection

AUTHORS = 500


def bulk_authors(prefix="bench-author", count=AUTHORS):
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO accounts_user (password, is_superuser, is_staff, is_active,
                date_joined, email, display_name, preferred_language)
            SELECT '!', false, false, true, now(), %s || g || '@example.org', 'Name ' || g, ''
            FROM generate_series(1, %s) AS g
            """,
            [prefix, count],
        )
        cursor.execute(
            "SELECT min(id), max(id) FROM accounts_user WHERE email LIKE %s", [prefix + "%"]
        )
        return cursor.fetchone()


def bulk_comments(consultation, count, authors, proposal_ids=()):
    """`count` published comments on `consultation`, spread over `proposal_ids` (or the
    general discussion), one in ten a reply, over the past 30 days."""
    low, high = authors
    proposals = list(proposal_ids) or [None]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO consultations_comment (consultation_id, proposal_id, parent_id, depth,
                author_id, body_text, body_html, language, status, created_at)
            SELECT %s, (%s::int[])[1 + g %% %s], NULL, 0, %s + g %% (%s - %s + 1),
                'Comment number ' || g || ' about the proposal, with a few words more.',
                '<p>Comment number ' || g || ' about the proposal.</p>',
                CASE WHEN g %% 7 = 0 THEN 'ar' ELSE 'en' END, 'published',
                now() - (g %% 30) * interval '1 day' - g * interval '1 second'
            FROM generate_series(1, %s) AS g
            """,
            [consultation.pk, proposals, len(proposals), low, high, low, count],
        )
        cursor.execute("ANALYZE consultations_comment")
