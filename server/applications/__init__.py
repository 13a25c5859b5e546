"""Applying (オンライン自主応募, オンラインハローワーク紹介), 求職活動状況, referrals, request
postings and the 紹介状."""
