-- The URL of a user's picture (Headscale's users create -p, its profile_pic_url); null for none.
ALTER TABLE inv_user ADD COLUMN profile_pic_url VARCHAR(2048);
