"""Messages: one thread per application with the employer, beside Hello Work's notices."""
