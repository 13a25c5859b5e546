"""The Hello Work and employer side, for the admin CLI and tests: referrals, request
postings, messages to a seeker, selection results."""
