"""The split of a list of counterparts by the side each person represents."""

from diplomeet.sides import split_by_side

SIDES = {"Ruto": "Kenya", "Kagame": "Rwanda", "Nduhungirehe": "Rwanda", "Sall": "Senegal", "Aide": None}


def _split(names, own=frozenset()):
    return split_by_side(names, SIDES.get, set(own))


def test_different_sides_split():
    assert _split(["Kagame", "Sall"]) == [["Kagame"], ["Sall"]]


def test_same_side_is_one_delegation():
    assert _split(["Kagame", "Nduhungirehe"]) == [["Kagame", "Nduhungirehe"]]


def test_one_side_keeps_its_order_across_the_list():
    assert _split(["Kagame", "Sall", "Nduhungirehe"]) == [["Kagame", "Nduhungirehe"], ["Sall"]]


def test_unknown_side_stays_with_the_person_before():
    assert _split(["Sall", "Aide", "Kagame"]) == [["Sall", "Aide"], ["Kagame"]]
    assert _split(["Aide", "Sall", "Kagame"]) == [["Aide", "Sall"], ["Kagame"]]


def test_nothing_known_is_one_group():
    assert _split(["Aide", "Unknown"]) == [["Aide", "Unknown"]]


def test_the_subjects_own_side_is_not_a_side():
    assert _split(["Kagame", "Ruto"], own={"Kenya"}) == [["Kagame", "Ruto"]]
