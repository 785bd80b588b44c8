"""What the header stage knows: the month and weekday names of the languages it reads."""
