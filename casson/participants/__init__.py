"""What participants do themselves through their personal links: what each link's form shows
(only that person, and a partner's first name) and what a submission stores, through the same
mentoring, grants, mail and import code as staff entry. It stands above all of those."""
