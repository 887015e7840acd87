"""Who may do what: the roles an administrator grants, and the administrator's own.

Administrators are named in the configuration; staff and operators are granted in the
database (the CHECK constraint on ``role_grants.role`` lists ``GRANTABLE``).
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["GRANTABLE", "ROLES", "Grantable", "Role"]

Role = Literal["admin", "staff", "operator"]
Grantable = Literal["staff", "operator"]

ROLES: tuple[Role, ...] = get_args(Role)
GRANTABLE: tuple[Grantable, ...] = get_args(Grantable)
