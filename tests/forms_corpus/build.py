"""Build the corpus of realistic Forms and Excel exports (run: python tests/forms_corpus/build.py).

Each file is written the way its tool writes it:
- Microsoft Forms XLSX ("Open in Excel"): ID, Start time, Completion time, Email, Name, then
  one column per question, headed by the question; Email "anonymous" and Name empty on an
  anonymous form; multi-choice answers joined by ";" with a trailing ";"; dates as Excel dates.
- Microsoft Forms saved as CSV from Excel: the same columns, UTF-8 with BOM or Windows-1252, CRLF.
- Google Forms CSV: Timestamp first ("2022/06/21 9:30:15 am GMT+1"), "Email address" when the
  form collects it, multi-choice answers joined by ", ", UTF-8 without BOM, LF.
- Excel "Save as CSV": UTF-8 (with BOM) or Windows-1252 ("CSV (Comma delimited)"), CRLF,
  plain title-case headers, a semicolon-delimited variant from a European-locale Excel.
Answers are worded as the forms offered them ("Early career (0-5 years)", "Yorkshire & Humber").
The people are fictional (@example.org).
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
MS = ["ID", "Start time", "Completion time", "Email", "Name"]


def _csv(name: str, header: list[str], rows: list[list[object]], encoding: str = "utf-8-sig",
         newline: str = "\r\n", delimiter: str = ",") -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=newline, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    (HERE / name).write_bytes(buf.getvalue().encode(encoding))


def _xlsx(name: str, header: list[str], rows: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Form1"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # Forms writes answers as text, never formulas
    book.properties.created = book.properties.modified = datetime(2026, 11, 1)
    book.save(HERE / name)


def _ms_time(day: int, hour: int, minute: int) -> datetime:
    return datetime(2026, 9, day, hour, minute, 12)


def build() -> list[str]:
    # 1. Microsoft Forms XLSX, anonymous: mentor registration.
    _xlsx("ms_forms_mentors.xlsx", MS + [
        "What is your full name?", "Your work email address", "Which region do you work in?",
        "What stage of your career are you at?", "What is your clinical specialty?",
        "Who is your employer?", "Themes you can support (tick all that apply)",
        "How many mentees could you take on?", "Anything else we should know?"], [
        [1, _ms_time(1, 9, 2), _ms_time(1, 9, 9), "anonymous", None, "Rhiannon Pryce",
         "rhiannon.pryce@example.org", "Wales", "Senior (15+ years)", "Neurology",
         "Cardiff and Vale UHB", "Confidence;Leadership;Research;", "3", "Happy to meet online"],
        [2, _ms_time(1, 10, 0), _ms_time(1, 10, 6), "anonymous", None, "Callum Baird",
         "callum.baird@example.org", "Scotland", "Mid career (6-15 years)", "Mental health",
         "NHS Lothian", "Storytelling;", "1", None],
    ])
    # 2. Microsoft Forms XLSX, anonymous: mentee applications (the very headers).
    _xlsx("ms_forms_mentees.xlsx", MS + [
        "What is your full name?", "Your work email address", "Which region do you work in?",
        "What stage of your career are you at?",
        "Which themes would you like to work on with your mentor?",
        "What do you hope to get from mentoring?"], [
        [1, _ms_time(2, 8, 30), _ms_time(2, 8, 41), "anonymous", None, "Bethan Lloyd",
         "bethan.lloyd@example.org", "Yorkshire & Humber", "Early career (0-5 years)",
         "Confidence;Influencing;", "Find my voice in team meetings"],
        [2, _ms_time(2, 9, 1), _ms_time(2, 9, 15), "anonymous", None, "Isla McKenzie",
         "isla.mckenzie@example.org", "North East", "Student / pre-registration",
         "Research;Leading change;", "Decide on a specialty"],
        [3, _ms_time(2, 9, 30), _ms_time(2, 9, 37), "anonymous", None, "Priya Shah",
         "priya.shah@example.org", "London", "Early career (0-5 years)", "Storytelling;",
         "Present at a conference"],
    ])
    # 3. Microsoft Forms XLSX, anonymous: end-of-programme survey.
    _xlsx("ms_forms_survey.xlsx", MS + [
        "Are you a mentor or a mentee?", "I would recommend the mentoring programme to a colleague",
        "My mentoring relationship was successful",
        "I have grown in confidence through the programme",
        "The programme has supported my career development",
        "Would you be willing to become a mentor in a future cohort?", "Any other comments?"], [
        [1, _ms_time(20, 9, 0), _ms_time(20, 9, 4), "anonymous", None, "Mentee", "Strongly agree",
         "Agree", "Strongly agree", "Agree", "Yes", "My mentor helped me find my voice."],
        [2, _ms_time(20, 11, 0), _ms_time(20, 11, 3), "anonymous", None, "Mentor", "Agree",
         "Neither agree nor disagree", None, None, None, None],
    ])
    # 4. Microsoft Forms with sign-in, saved as CSV UTF-8 from Excel: Email and Name are real.
    _csv("ms_forms_signed_in_mentors.csv", MS + [
        "Which RCOT region are you in?", "Career stage",
        "Themes you can support (tick all that apply)",
        "Maximum number of mentees"], [
        [1, "03/09/2026 14:01", "03/09/2026 14:07", "Dafydd.Evans@example.org", "Dafydd Evans",
         "South West", "Leader / manager", "Leadership;Influencing;", "2"],
        [2, "03/09/2026 15:20", "03/09/2026 15:24", "amara.okafor@example.org", "Amara Okafor",
         "West Midlands", "Senior (15+ years)", "Research;", "4"],
    ])
    # 5. Microsoft Forms, anonymous, saved by Excel as "CSV (Comma delimited)": Windows-1252.
    _csv("ms_forms_mentees_1252.csv", MS + [
        "What is your full name?", "Your work email address", "Which region do you work in?",
        "What stage of your career are you at?",
        "Which themes would you like to work on with your mentor?",
        "What do you hope to get from mentoring?"], [
        [1, "04/09/2026 10:00", "04/09/2026 10:12", "anonymous", "", "Siân O'Connor",
         "sian.oconnor@example.org", "Northern Ireland", "Early career (0-5 years)",
         "Confidence;Storytelling;", "Feel confident leading a café-style clinic"],
        [2, "04/09/2026 11:00", "04/09/2026 11:05", "anonymous", "", "Zoë Marsh",
         "zoe.marsh@example.org", "East of England", "Mid career (6-15 years)", "Leadership;",
         "Step up to a band 7 role"],
    ], encoding="cp1252")
    # 6. Microsoft Forms survey as CSV UTF-8, anonymous, with an optional email question.
    _csv("ms_forms_survey.csv", MS + [
        "Are you a mentor or a mentee?", "Your email address (optional)",
        "I would recommend the programme to a colleague",
        "The mentoring relationship was successful",
        "I grew in confidence", "The programme supported my career development",
        "Would you be willing to become a mentor?", "Any other comments?"], [
        [1, "21/06/2026 09:01", "21/06/2026 09:30", "anonymous", "", "Mentee",
         "rhiannon.pryce@example.org", "5", "4", "5", "4", "Yes", "Thank you!"],
        [2, "21/06/2026 10:01", "21/06/2026 10:09", "anonymous", "", "Mentor", "", "4", "4", "", "",
         "", ""],
    ])
    # 7. Google Forms CSV: mentor registration (the headers), answers joined by ", ".
    _csv("google_forms_mentors.csv", [
        "Timestamp", "Email address", "Full name", "Which region do you work in?",
        "What is your current role / career stage?", "Employer",
        "Themes you can support (tick all that apply)", "How many mentees could you take on?",
        "Anything else we should know?"], [
        ["2026/09/05 9:30:15 am GMT+1", "gareth.hughes@example.org", "Gareth Hughes", "North West",
         "Senior (15+ years)", "Manchester University NHS FT", "Confidence, Storytelling, Research",
         "3",
         "Prefer evening calls"],
        ["2026/09/05 1:02:44 pm GMT+1", "nadia.rahman@example.org", "Nadia Rahman", "London",
         "Leader / manager", "Barts Health", "Leadership", "2", ""],
    ], encoding="utf-8", newline="\n")
    # 8. Google Forms CSV: mentee applications.
    _csv("google_forms_mentees.csv", [
        "Timestamp", "Email address", "Your name", "Which RCOT region are you in?",
        "What stage of your career are you at?", "Your specialty or area of practice",
        "Which themes would you like to work on?", "What do you hope to get from mentoring?"], [
        ["2026/09/06 8:15:00 am GMT+1", "tom.ashworth@example.org", "Tom Ashworth",
         "Yorkshire and the Humber",
         "Early career (0-5 years)", "Paediatrics", "Confidence, Leading change",
         "Lead a quality project"],
        ["2026/09/06 8:45:00 am GMT+1", "ewa.nowak@example.org", "Ewa Nowak", "South East",
         "Student / pre-registration", "", "Research", ""],
    ], encoding="utf-8", newline="\n")
    # 9. Google Forms CSV: survey, Likert words, role question "Are you a mentor or mentee?".
    _csv("google_forms_survey.csv", [
        "Timestamp", "Are you a mentor or mentee?",
        "I would recommend the programme to a colleague",
        "The mentoring relationship was successful", "I grew in confidence",
        "The programme helped my career development", "Would you like to become a mentor yourself?",
        "Any other comments"], [
        ["2026/06/22 7:05:31 pm GMT+1", "Mentee", "Strongly agree", "Strongly agree", "Agree",
         "Strongly agree", "Yes", "Brilliant, thank you"],
        ["2026/06/23 8:00:00 am GMT+1", "Mentor", "Agree", "Agree", "", "", "", ""],
    ], encoding="utf-8", newline="\n")
    # 10. Excel "Save as CSV UTF-8": a coordinator's own spreadsheet of mentors.
    _csv("excel_utf8_mentors.csv", [
        "Name", "Email Address", "RCOT Region", "Career Stage", "Specialty", "Employer", "Themes",
        "Max mentees", "Notes"], [
        ["Aoife Byrne", "Aoife.Byrne@example.org", "Northern Ireland", "Senior", "Older people",
         "Belfast Trust", "confidence; research", "2", "Returning mentor"],
        ["Kwame Mensah", "kwame.mensah@example.org", "East Midlands", "mid career", "Forensic",
         "Nottinghamshire Healthcare", "leadership", "1", ""],
    ])
    # 11. Excel "CSV (Comma delimited)": Windows-1252 mentees with accents and a £.
    _csv("excel_1252_mentees.csv", [
        "Full Name", "E-mail", "Region", "Career stage", "Employer", "Development themes",
        "Goals"], [
        ["Chloé Dubois", "chloe.dubois@example.org", "London", "early career", "Whittington Health",
         "Confidence; Storytelling", "Win a £500 bursary for a course"],
        ["Seán Murphy", "sean.murphy@example.org", "North West", "student", "", "Research", ""],
    ], encoding="cp1252")
    # 12. Excel Windows-1252 survey: curly apostrophes, yes/no words, UK dates.
    _csv("excel_1252_survey.csv", [
        "Role", "Email", "Submitted", "Would recommend", "Relationship successful",
        "Grew confidence",
        "Career development", "Willing to mentor", "Comments"], [
        ["mentee", "zoe.marsh@example.org", "30/06/2026 16:45", "Strongly agree", "Agree", "Agree",
         "Strongly agree", "Y", "I’d recommend it to anyone – truly."],
        ["mentor", "", "01/07/2026", "4", "5", "", "", "", ""],
    ], encoding="cp1252")
    # 13. Excel "Save as CSV UTF-8": grant bids with £ amounts and UK dates.
    _csv("excel_utf8_bids.csv", [
        "Reference", "Applicant", "Applicant email", "Employer", "Region", "Project title", "Fund",
        "Amount requested", "Status", "Received", "Decided", "Awarded"], [
        ["LP-2026-101", "Hannah Cole", "hannah.cole@example.org", "Leeds Community Healthcare",
         "Yorkshire & Humber", "OT-led falls prevention in care homes", "Leadership fund",
         "£9,500.00", "Awarded", "05/04/2026", "20/05/2026", "£9,000.00"],
        ["LP-2026-102", "Owen Price", "owen.price@example.org", "Swansea Bay UHB", "Wales",
         "Vocational rehab pathway", "CPD funding", "£1,200", "In progress", "12/04/2026", "", ""],
    ])
    # 14. Excel Windows-1252: the directory's courses.
    _csv("excel_1252_courses.csv", [
        "Provider", "Course title", "Format", "Level", "Duration", "Cost from (£)", "Cost note",
        "Location", "Website"], [
        ["Example University", "Leading OT services", "Blended", "PG Cert", "12 months", "£1,950",
         "Per year – NHS discount", "Oxford", "https://www.example.org/leading-ot"],
        ["Example College",
         "Coaching for OTs", "Online", "Short course", "6 weeks", "0", "Free", "",
         "https://www.example.org/coaching"],
    ], encoding="cp1252")
    # 15. Google Forms CSV: coaches offering their services to the directory.
    _csv("google_forms_coaches.csv", [
        "Timestamp", "Email address", "Name of coach", "Organisation",
        "Are you an OT specialist or a general coach?", "What do you offer? (tick all that apply)",
        "Fees from (£ per session)", "Website"], [
        ["2026/10/01 10:00:00 am GMT+1", "coach.one@example.org", "Maya Coach", "Maya Coaching Ltd",
         "OT specialist", "Coaching, Mentoring", "£60", "https://www.example.org/maya"],
        ["2026/10/02 11:00:00 am GMT+1", "coach.two@example.org", "Leo Guide", "", "General",
         "Workshops", "", ""],
    ], encoding="utf-8", newline="\n")
    # 16. Excel in a European locale: semicolon-delimited CSV UTF-8 of mentees.
    _csv("excel_semicolon_mentees.csv", [
        "Name", "Email", "Region", "Stage", "Themes", "Goals"], [
        ["Lena Vogel", "lena.vogel@example.org", "South West", "Mid career (6-15 years)",
         "leadership, research", "Publish; present"],
        ["Marco Rossi", "marco.rossi@example.org", "West Midlands", "early career", "confidence",
         ""],
    ], delimiter=";")
    return sorted(p.name for p in HERE.iterdir() if p.suffix in (".csv", ".xlsx"))


if __name__ == "__main__":
    for name in build():
        print(name)
