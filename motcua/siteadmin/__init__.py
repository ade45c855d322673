"""The administration site in Vietnamese: names for the third-party apps and models it lists
(their own code names them in English), without patching the installed packages."""
