"""Arabic: the day before the month with an Arabic comma, as Django's DATE_FORMAT for
Arabic writes the date; Django sets no date-and-time format for Arabic, so it fell back
to the American "ديسمبر 7, 2026, 10:02 ص"."""

DATETIME_FORMAT = "j F، Y، g:i A"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y، g:i A"
