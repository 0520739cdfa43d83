"""Urdu, which has no formats in Django (it fell back to the American "جنوری 4, 2027"):
the day before the month, an Urdu comma before the time."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = "j F Y، g:i A"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y، g:i A"
FIRST_DAY_OF_WEEK = 1  # Monday
