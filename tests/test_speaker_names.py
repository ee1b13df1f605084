"""Display names of speakers (factcheck/nlp/speakers.py `describe`): roles and titles are no part of a name, a
party or group label alone is no person's name."""

import pytest

from factcheck.nlp import extract


def speaker(text):
    [q] = [q for q in extract(text) if q.kind != "scare"]
    return q.speaker, q.speaker_type


@pytest.mark.parametrize("phrase, name", [
    ("Die Virologin Ilse Brandt", "Ilse Brandt"),
    ("Prof. Dr. Hans Ebner", "Hans Ebner"),
    ("Die Ökonomin Christian Lauterbach", "Christian Lauterbach"),
    ("Der SPD-Abgeordnete Karl Huber", "Karl Huber"),
    ("Berlins Innensenator Frank Henkel", "Frank Henkel"),
    ("Die Meteorologin Zoran Vakula", "Zoran Vakula"),
])
def test_roles_and_titles_before_a_name_are_no_part_of_it(phrase, name):
    assert speaker(f"{phrase} sagte: „Die Lage ist ernst.“") == (name, "person")


@pytest.mark.parametrize("phrase, name", [
    ("Die Vorsitzende der Linken Gesine Lötzsch", "Gesine Lötzsch"),
    ("Der Direktor der peruanischen Zivilluftfahrtbehörde Roberto Rodriguez", "Roberto Rodriguez"),
    ("Der Premierminister des Kosovos Hashim Thaçi", "Hashim Thaçi"),
    ("Der Chef des Verwaltungsrats Ulrich Müller", "Ulrich Müller"),
])
def test_the_name_after_a_role_and_its_attachment(phrase, name):
    assert speaker(f"{phrase} sagte, die Steuer sei zu hoch.") == (name, "person")


@pytest.mark.parametrize("phrase, wrong", [
    ("Der Vorsitzende des Bundesverbands des Deutschen Schuheinzelhandels", "Deutschen Schuheinzelhandels"),
    ("Der Direktor des BBC World Service", "World Service"),
    ("Ein Sprecher Koch-Mehrins", "Koch-Mehrins"),
    ("Der Rettungskoordinator von Papua-Neuguineas National Maritime Safety Authority", "Maritime Safety Authority"),
])
def test_an_attachment_or_a_genitive_owner_is_not_the_role_holder(phrase, wrong):
    """The name in the attachment is an organisation's or the employer's, not the speaker's name."""
    name, _ = speaker(f"{phrase} sagte, die Steuer sei zu hoch.")
    assert name != wrong and name.split()[0] == phrase.split()[1]


@pytest.mark.parametrize("phrase, name", [
    ("Der Ökonom Lasse Richter", "Lasse Richter"),
    ("CDU-Politiker Malte Richter", "Malte Richter"),
    ("Landrat Gero König", "Gero König"),
    ("Die Sprecherin der Polizei Wiebke Richter", "Wiebke Richter"),
])
def test_a_role_word_that_is_a_family_name_after_a_given_name_is_the_surname(phrase, name):
    """Richter and König are roles and family names: after a given name they are the surname, and the role
    before the name is still no part of it."""
    assert speaker(f"{phrase} sagte: „Die Lage ist ernst.“") == (name, "person")
    after = phrase.replace("Der ", "der ").replace("Die ", "die ")
    assert speaker(f"„Die Lage ist ernst“, sagte {after}.") == (name, "person")


def test_a_role_word_without_a_given_name_stays_a_role():
    assert speaker("Der Vorsitzende Richter sagte: „Das Urteil ist rechtskräftig.“")[0] != "Richter"
    text = "Ökonom Lasse Richter stellte die Zahlen vor. „Die Lage ist ernst“, sagte der Ökonom."
    assert speakers(text) == [("Lasse Richter", "der Ökonom")]


def test_a_middle_initial_is_no_acronym():
    assert speaker("„Wir senken die Steuer“, sagte Hans P. Ebner.") == ("Hans P. Ebner", "person")


def test_a_party_label_alone_is_no_persons_name():
    assert speaker("Die Grünen kritisierten, die Steuer sei zu hoch.") == ("Grüne", "organization")
    assert speaker("„Die Lage ist ernst“, sagte ein SPD-Abgeordneter.") == ("SPD-Abgeordneter", "anonymous")


def test_a_plural_role_is_a_group():
    assert speaker("Chinesische Politiker kritisierten, die Steuer sei zu hoch.")[1] == "anonymous"


# --------------------------------------------------------------------------- role mentions linked to the named person

def speakers(text):
    return [(q.speaker, text[q.speaker_start:q.speaker_end]) for q in extract(text) if q.kind != "scare"]


@pytest.mark.parametrize("text, mention", [
    ("Bürgermeister Torsten Schulz stellte die Pläne vor. „Das Geld muss ankommen“, sagte der Bürgermeister.",
     "der Bürgermeister"),
    ("Bundesbauministerin Katrin Weißhaupt besuchte Hameln. „Wir bauen mehr“, sagte die Ministerin.", "die Ministerin"),
    ("Der Leiter des Gesundheitsamts Hannover, Hans P. Ebner, sagte: „Wir müssen jetzt gemeinsam handeln.“",
     "Der Leiter des Gesundheitsamts Hannover, Hans P. Ebner"),  # the mention takes in the apposition
    ("Karl Huber (61) führt den Betrieb. „Wir bauen mehr“, sagte der 61-Jährige.", "der 61-Jährige"),
    ("Der 61-jährige Karl Huber führt den Betrieb. Der 61-Jährige sagte, es gehe gut.", "Der 61-Jährige"),
])
def test_a_role_mention_is_the_one_person_named_in_that_role(text, mention):
    name = {"der Bürgermeister": "Torsten Schulz", "die Ministerin": "Katrin Weißhaupt",
            "Der Leiter des Gesundheitsamts Hannover, Hans P. Ebner": "Hans P. Ebner"}.get(mention, "Karl Huber")
    assert (name, mention) in speakers(text)


@pytest.mark.parametrize("text, mention", [
    ("Bürgermeister Torsten Schulz und Bürgermeister Peter Krause trafen sich. „Wir bauen mehr“, sagte der "
     "Bürgermeister.", "der Bürgermeister"),
    ("Die Sprecherin Anna Berg kam später. „Wir bauen mehr“, sagte der Sprecher.", "der Sprecher"),
    ("Der 61-jährige Karl Huber und die 61-jährige Eva Roth führen den Betrieb. Der 61-Jährige sagte, es gehe gut.",
     "Der 61-Jährige"),
    ("Ministerin Katrin Weißhaupt besuchte Hameln. „Wir bauen mehr“, sagte ein Sprecher.", "ein Sprecher"),
])
def test_a_role_mention_with_two_candidates_or_none_keeps_its_role(text, mention):
    [(name, said)] = [s for s in speakers(text) if s[1] == mention]
    assert name == mention.split(" ", 1)[1]


@pytest.mark.parametrize("before, after, name", [
    ("", "", "Julia Thomas"),
    ("J. Thomas kam später. ", "", "Julia Thomas"),
    ("", " Die Ökonomin Dorothee Thomas kam später.", "Julia Thomas"),
    ("Die Ökonomin Dorothee Thomas kam später. ", "", "Thomas"),
    ("Später kam Dorothee Thomas. ", "", "Thomas"),
    ("„Gut“, sagte am Montag Thomas. ", "", "Julia Thomas"),  # no given name: "Montag"
])
def test_a_surname_alone_is_the_one_person_of_that_name_named_before_it(before, after, name):
    """A surname alone is the person of that name the article named before it, in any sentence and after a
    role and its attachment; when it named two (Julia and Dorothee Thomas) it means neither, whichever of them
    was named with a role."""
    text = f"Die Sprecherin der Polizei Julia Thomas eröffnete. {before}„Wir sind bereit“, sagte Thomas.{after}"
    assert (name, "Thomas") in speakers(text)


def test_a_city_or_a_club_is_no_person():
    """"München" is not read as the surname of "Bayern München" inside the article either."""
    text = ("Bayern München teilte mit: „Wir erwarten ein ausverkauftes Stadion.“ München erklärte, die Straßen "
            "rund um das Stadion würden ab 14 Uhr gesperrt.")
    assert [(q.speaker, q.speaker_type) for q in extract(text) if q.kind != "scare"] == [
        ("Bayern München", "organization"), ("München", "organization")]
