"""Forum pages outside the Wagtail tree: threads, posting, fact-checks, the library.

Forum pages themselves (the list of threads) are Wagtail pages. Everything here works
without JavaScript; forums/static/forums/thread-live.js adds live updates.

One module per concern (forums/urls.py routes to them):

    threads      a thread's page, starting a thread, replying, thread settings
    posts        editing and withdrawing one's own posts and thread openings
    fact_checks  writing, revising, publishing, "helpful" marks, history
    library      the myths and facts library
    common       finding what the visitor may see, messages after posting
"""
