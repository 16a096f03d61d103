// Every option's text by question id and option id, generated from data/instrument.json by `npm run instrument -- --schema`.
// Do not edit: the indicator definitions (indicators.ts) name options by id through it, in the browser too.
export const surveyOptions: Record<string, Record<string, string>> = {
  "cohort": {
    "winter_2021_22": "Winter 2021-22",
    "summer_2022": "Summer 2022",
    "winter_2022_23": "Winter 2022-23",
    "summer_2023": "Summer 2023",
    "winter_2023_24": "Winter 2023-24",
    "summer_2024": "Summer 2024"
  },
  "degree": {
    "bachelors": "Bachelor's",
    "masters": "Master's",
    "phd": "PhD",
    "other": "Other"
  },
  "current_work": {
    "alignment_org": "Working/interning on AI alignment/control",
    "alignment_independent": "Conducting alignment research independently",
    "capabilities": "Working/interning on AI capabilities",
    "governance": "Working/interning on AI governance/policy",
    "studying": "Studying (degree program)",
    "unrelated": "Working on something unrelated to AI",
    "looking": "Looking for work"
  },
  "advanced": {
    "yes": "Yes",
    "no": "No"
  },
  "hiring_outcomes": {
    "accepted_a_job_offer": "Accepted a job offer",
    "received_an_offer_declined_it": "Received an offer, declined it",
    "rejected_after_later_rounds": "Rejected after later rounds",
    "still_in_process": "Still in process"
  },
  "hiring_contribution": {
    "mats_did_not_contribute": "MATS did not contribute",
    "increased_my_research_or_technical_skills": "Increased my research or technical skills",
    "provided_legible_career_capital": "Provided legible career capital",
    "made_me_more_likely_to_apply": "Made me more likely to apply",
    "connections_made_through_mats": "Connections made through MATS"
  },
  "published": {
    "yes": "Yes",
    "no": "No"
  },
  "publication_venues": {
    "lesswrong_or_alignment_forum_post": "LessWrong or Alignment Forum post",
    "arxiv_preprint": "arXiv preprint",
    "workshop_paper": "Workshop paper",
    "conference_paper_peer_reviewed_archival": "Conference paper (peer-reviewed, archival)",
    "journal_article": "Journal article"
  },
  "publication_influence": {
    "probably_no_version_of_this_would_have_happened_otherwise": "Probably no version of this would have happened otherwise",
    "possibly_no_version_of_this_would_have_happened_otherwise": "Possibly no version of this would have happened otherwise",
    "sped_up_outcome_by_6_months": "Sped up outcome by >6 months",
    "quality_of_outcome_somewhat_higher": "Quality of outcome somewhat higher",
    "quality_of_outcome_much_higher": "Quality of outcome much higher",
    "no_influence": "No influence"
  },
  "other_outcome_influence": {
    "probably_no_version_of_this_would_have_happened_otherwise": "Probably no version of this would have happened otherwise",
    "possibly_no_version_of_this_would_have_happened_otherwise": "Possibly no version of this would have happened otherwise",
    "sped_up_outcome_by_6_months": "Sped up outcome by >6 months",
    "quality_of_outcome_somewhat_higher": "Quality of outcome somewhat higher",
    "quality_of_outcome_much_higher": "Quality of outcome much higher",
    "no_influence": "No influence"
  },
  "element_ratings": {
    "most_valuable_part_of_mats": "Most valuable part of MATS",
    "significant_portion_of_value_added": "Significant portion of value added",
    "some_value": "Some value",
    "little_value": "Little value",
    "no_value_did_not_use": "No value / did not use"
  },
  "connections": {
    "research_collaborator": "Research collaborator",
    "mentor_adviser": "Mentor/adviser",
    "employer_or_hiring_manager": "Employer or hiring manager",
    "funder_or_grantmaker": "Funder or grantmaker",
    "none_of_these": "None of these"
  },
  "support_wanted": {
    "connections_to_research_collaborators": "Connections to research collaborators",
    "job_recommendations": "Job recommendations",
    "funding_or_grant_writing_advice": "Funding or grant-writing advice",
    "mentorship": "Mentorship",
    "compute": "Compute",
    "office_space": "Office space"
  },
  "lower_stipend": {
    "yes_even_with_no_stipend": "Yes, even with no stipend",
    "yes_with_a_somewhat_lower_stipend": "Yes, with a somewhat lower stipend",
    "no": "No",
    "not_sure": "Not sure"
  },
  "quote_consent": {
    "yes": "Yes",
    "no": "No"
  }
};
