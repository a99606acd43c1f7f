// The strings of the password change and of the public intake's abuse counts, under `security` in sv.ts
// and en.ts. The type makes English fill exactly the Swedish keys.

export const securitySv = {
  password: {
    title: "Byt lösenord",
    intro: "Välj ett lösenord som bara du känner till. Det ska vara svårt att gissa: gärna flera ord.",
    forcedIntro:
      "Ditt konto skapades av en administratör. Välj ett eget lösenord innan du fortsätter: det du fick gäller bara första inloggningen.",
    current: "Nuvarande lösenord",
    new: "Nytt lösenord",
    newHint: "Minst 10 tecken. Undvik ditt namn, ditt användarnamn och vanliga ord eller mönster.",
    repeat: "Upprepa det nya lösenordet",
    showPassword: "Visa inskrivna tecken",
    submit: "Byt lösenord",
    changed: "Lösenordet är bytt. Dina andra inloggningar har avslutats.",
    failed: "Lösenordet kunde inte bytas",
    mismatch: "Lösenorden är inte lika.",
    too_short: "Det nya lösenordet är för kort: minst 10 tecken.",
    too_weak: "Det nya lösenordet är för lätt att gissa. Välj ett längre, gärna flera ord.",
    known: "Det nya lösenordet är publicerat eller detsamma som det gamla. Välj ett annat.",
    wrongCurrent: "Det nuvarande lösenordet stämmer inte.",
    noPassword: "Ditt konto loggar in via regionens inloggningstjänst och har inget lösenord i Vårdnav.",
    continue: "Fortsätt",
    link: "Byt lösenord",
  },
  abuse: {
    title: "Skydd av kontaktformuläret",
    intro:
      "Vem som helst kan fylla i kontaktformuläret, även i någon annans namn. Därför skickar Vårdnav högst ett visst antal kvitton per dag till samma telefonnummer och samma personnummer, och formulär som fyllts i av robotar sparas inte. Här syns vad som hölls tillbaka per dag.",
    loading: "Hämtar…",
    loadFailed: "Uppgifterna kunde inte hämtas",
    caption: "Tillbakahållet {{from}} – {{to}}",
    day: "Dag",
    honeypot: "Robotformulär (sparades inte)",
    phoneLimit: "Kvitton över gränsen per telefonnummer",
    identityLimit: "Kvitton över gränsen per personnummer",
    total: "Summa",
    none: "Inget hölls tillbaka under perioden.",
  },
};

export const securityEn: typeof securitySv = {
  password: {
    title: "Change password",
    intro: "Choose a password only you know. It should be hard to guess: several words work well.",
    forcedIntro:
      "Your account was created by an administrator. Choose your own password before you continue: the one you were given is for the first sign-in only.",
    current: "Current password",
    new: "New password",
    newHint: "At least 10 characters. Avoid your name, your username and common words or patterns.",
    repeat: "Repeat the new password",
    showPassword: "Show the characters typed",
    submit: "Change password",
    changed: "Your password has been changed. Your other sign-ins have been ended.",
    failed: "The password could not be changed",
    mismatch: "The passwords do not match.",
    too_short: "The new password is too short: at least 10 characters.",
    too_weak: "The new password is too easy to guess. Choose a longer one, several words work well.",
    known: "The new password is published or the same as the old one. Choose another.",
    wrongCurrent: "The current password is wrong.",
    noPassword:
      "Your account signs in through the region's identity provider and has no password in Vårdnav.",
    continue: "Continue",
    link: "Change password",
  },
  abuse: {
    title: "Protection of the contact form",
    intro:
      "Anyone can fill in the contact form, also in someone else's name. So Vårdnav sends at most a set number of receipts a day to one phone number and one identity number, and forms filled in by robots are not stored. This shows what was held back, per day.",
    loading: "Loading…",
    loadFailed: "The figures could not be loaded",
    caption: "Held back {{from}} – {{to}}",
    day: "Day",
    honeypot: "Robot forms (not stored)",
    phoneLimit: "Receipts over the limit per phone number",
    identityLimit: "Receipts over the limit per identity number",
    total: "Total",
    none: "Nothing was held back in the period.",
  },
};
