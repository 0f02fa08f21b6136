## The frame of every page.
skip-to-content = Skip to content
nav-main = Main
nav-home = Home
nav-meetings = Meetings
nav-register = Register
nav-instruments = Instruments
nav-portfolio = Portfolio
nav-studies = Studies
nav-exchanges = Exchanges
nav-business = Business
nav-impact = Impact
nav-parties = Parties
nav-organisations = Organisations
nav-people = People
nav-activity = Activity
nav-accounts = Accounts
nav-deliveries = Alert e-mail
inbox = Inbox
unread = { $count ->
    [one] { $count } unread
   *[other] { $count } unread
}
sign-in = Sign in
sign-out = Sign out
search = Search
language = Language
language-change = Change
follow = Follow
following-stop = Following · stop
alert-settings = Alert settings
footer = Corridor · the secretariat of the joint working group
footer-api = API

## Signing in.
login-title = Sign in
login-username = Username
login-password = Password

## The home page.
home-title = Corridor
home-intro = Corridor is the secretariat of the joint working group on industrial cooperation: its meetings, agreements, projects and their impact, shared between the two parties.
home-sign-in-to-see = Sign in to see what your side shares.
home-new = What is new
home-nothing-new = Nothing has changed that you may see.
home-all-activity = All activity
home-due = What is due
home-nothing-due = { $count ->
    [one] No appointments end in the next day.
   *[other] No appointments end in the next { $count } days.
}
home-directory = The directory
home-parties = { $count ->
    [one] { $count } party
   *[other] { $count } parties
}
home-organisations = { $count ->
    [one] { $count } organisation
   *[other] { $count } organisations
}
home-people = { $count ->
    [one] { $count } person
   *[other] { $count } people
}
home-you-may-see = you may see

## Search.
search-title = Search
search-label = Search every record you may see, in English, Chinese or Urdu
search-in = in
search-every-area = every area
search-button = Search
search-help = Every word must appear; put words in quotes for a phrase and a minus before a word to leave it out.
search-narrowed = Narrowed to
search-remove = remove { $what }
search-narrow = Narrow the results
search-results-label = Results
search-nothing = Nothing you may see matches “{ $query }”. Try fewer words, another spelling, or another language.
search-results = { $count ->
    [one] { $count } result
   *[other] { $count } results
}
search-shown = { $from } to { $to } shown
search-previous = Previous page
search-next = Next page
facet-area = Area
facet-body = Body
facet-party = Party
facet-status = Status
facet-year = Year
area-meetings = Meetings and minutes
area-register = Register
area-instruments = Instruments
area-portfolio = Portfolio
area-studies = Studies
area-exchanges = Exchanges and business
area-results = Measurable impact
area-directory = Directory

## Lists, records, forms and history, shared by every area.
list-add = Add
list-filter = Filter
record-edit = Edit this { $kind }
record-history = History
record-json = This record as JSON
form-cancel = Cancel
history-empty = No recorded changes that you may see.
history-did = { $action } it
history-event = event { $seq }
history-removed = removed
error-not-found = Not found
error-forbidden = Not allowed
error-conflict = Changed meanwhile
error-too-many = Too many attempts
error-request = This request cannot be handled
error-server = Server error
