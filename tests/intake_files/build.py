"""Build intake's realistic exports (run: python tests/intake_files/build.py); committed as built.

- register_of_interest_forms.csv: the registration form, Microsoft Forms opened in Excel and
  saved as "CSV (Comma delimited)": Windows-1252, CRLF, UK day-first times, anonymous form.
- register_of_interest_forms.xlsx: the same form's "Open in Excel" download (dates as Excel dates).
- suggestions_google_forms.csv: the "share a resource" form as Google Forms writes its CSV.
The people are fictional (@example.org); the suggested items are the real ones the trust's
leadership text names.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
QUESTIONS = ["ID", "Start time", "Completion time", "Email", "Name", "Your full name",
             "Your email address",
             "Which RCOT region do you work in?", "Would you like to be a mentor or a mentee?",
             "Which cohort would you like to join?",
             "May we contact you about the mentoring programme?",
             "How did you hear about the programme?"]
NEXT, FUTURE = "The next cohort (autumn 2022)", "A future cohort"
REGISTRATIONS = [
    (datetime(2022, 5, 3, 9, 15, 40), "Morwenna Tregear", "morwenna.tregear@example.org",
     "South West",
     "Mentee", NEXT, "Yes", "RCOT regional group"),
    (datetime(2022, 5, 3, 11, 6, 19), "Callum Baird", "callum.baird@example.org", "Scotland",
     "Mentee", NEXT,
     "Yes", "A colleague"),
    (datetime(2022, 5, 4, 8, 49, 33), "Eilidh Fraser", "Eilidh.Fraser@example.org", "Scotland",
     "Mentor", NEXT,
     "Yes", "Trust newsletter"),
    (datetime(2022, 5, 4, 19, 23, 2), "Siân Pritchard", "sian.pritchard@example.org", "Wales",
     "Mentor", FUTURE,
     "Yes", "RCOT regional group"),
    (datetime(2022, 5, 6, 13, 3, 10), "Chloé Dubois-Hart", "chloe.duboishart@example.org", "London",
     "Mentee",
     NEXT, "No", "Twitter"),
    (datetime(2022, 5, 9, 16, 34, 55), "Tomás O'Neill", "tomas.oneill@example.org",
     "Northern Ireland", "Mentee",
     FUTURE, "Yes", "A colleague"),
]


def _rows() -> list[list[object]]:
    return [[i, done.replace(minute=max(done.minute - 3, 0)), done, "anonymous", "", *answers]
            for i, (done, *answers) in enumerate(REGISTRATIONS, 1)]


def build() -> None:
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow(QUESTIONS)
    for row in _rows():
        out.writerow([f"{v:%d/%m/%Y %H:%M:%S}" if isinstance(v, datetime) else v for v in row])
    (HERE / "register_of_interest_forms.csv").write_bytes(buf.getvalue().encode("cp1252"))

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(QUESTIONS)
    for row in _rows():
        sheet.append(row)
    book.save(HERE / "register_of_interest_forms.xlsx")

    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(["Timestamp", "Email address", "Are you suggesting a course or a resource?",
                  "Title of the course, article or website", "Who provides or wrote it?",
                  "Link (web address)", "Year (if known)", "Topic",
                  "Why would you recommend it to other OTs?", "Your name"])
    out.writerow(["2022/06/01 9:00:12 am GMT+1", "reader.three@example.org",
                  "A course or programme",
                  "Leadership for Health and Social Care (PgCert)", "University of Glasgow", "", "",
                  "leadership", "Flexible and part-time.", "Iona Reid"])
    out.writerow(["2022/06/02 4:41:55 pm GMT+1", "reader.four@example.org",
                  "An article, website or other resource",
                  "Healthcare Leadership Model", "NHS Leadership Academy",
                  "https://www.leadershipacademy.nhs.uk/", "", "leadership behaviours",
                  "The nine dimensions are a good frame for a development plan.", "Owen Price"])
    (HERE / "suggestions_google_forms.csv").write_bytes(buf.getvalue().encode("utf-8"))


if __name__ == "__main__":
    build()
