"""Officers' second factor (xác thực hai lớp; #17 item 4, docs/security.md): an authenticator
app's six-digit codes (TOTP, django-otp) and ten single-use recovery codes, asked after the
password at the back office's and the admin's sign-in.

policy.py says who must use one; services.py enrols, verifies, regenerates and resets, with
audit rows; pending.py keeps the half-way state between the password and the code; views.py and
forms.py are the pages; middleware.py signs out any session that needed a second factor and has
none, however it was opened."""
