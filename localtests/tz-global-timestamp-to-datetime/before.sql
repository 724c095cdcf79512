set global time_zone = '+05:00';
