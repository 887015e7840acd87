"""Who may do what: the roles an administrator grants, and the administrator's own.

Administrators are named in the configuration; staff, operators, helpdesk members (who
answer residents' cases for their camps) and protection focal points (the only readers of
sensitive reports) are granted in the database (its CHECK on ``roles.role`` lists
``GRANTABLE``).
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["GRANTABLE", "ROLES", "Grantable", "Role"]

Role = Literal["admin", "staff", "operator", "helpdesk", "protection"]
Grantable = Literal["staff", "operator", "helpdesk", "protection"]

ROLES: tuple[Role, ...] = get_args(Role)
GRANTABLE: tuple[Grantable, ...] = get_args(Grantable)
