"""Staff accounts: sign-in with a password and a one-time code, sessions, roles."""
