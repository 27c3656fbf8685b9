"""Programme email: the templates and their placeholders (templates), who receives each one,
previews, sending through SMTP or into the outbox, and the email log (sending).
It reads mentoring for recipients."""
