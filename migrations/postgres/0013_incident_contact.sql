-- Where a CERT (or an agency that takes reports) wants incidents reported, and whom it serves.
ALTER TABLE organizations ADD COLUMN incident_contact TEXT;
ALTER TABLE organizations ADD COLUMN constituency TEXT;
