"""English dates and times as a British city writes them: 18 January 2027, 09:00.

Django's English formats are American ("Jan. 18, 2027, 9 a.m."): the month-first
short date (01/18/2027) is misread in the UK, and "a.m." before a sentence's full stop
reads "a.m..". Input formats are Django's (ISO dates always parse).
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
