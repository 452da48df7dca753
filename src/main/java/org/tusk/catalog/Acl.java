package org.tusk.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Access control lists of tables (PostgreSQL 15's utils/acl.h and utils/adt/acl.c): the
 * privilege bits, the default ACL of an owner, aclmask, aclupdate with grant options, and the
 * text form aclitemout prints.
 *
 * <p>An ACL is held as PostgreSQL stores it in pg_class.relacl (aclitem[]): each AclItem is
 * (grantee, grantor, privs), grantee 0 meaning PUBLIC, privs a uint32 whose low 16 bits are the
 * privileges and high 16 bits the grant options for them (ACL_GRANT_OPTION_FOR). Here an ACL is
 * an {@code int[]} of such triples; {@code null} means the default (acldefault: the owner has
 * every privilege, nobody else any).
 */
public final class Acl {
    private Acl() {}

    public static final int ACL_INSERT = 1, ACL_SELECT = 1 << 1, ACL_UPDATE = 1 << 2, ACL_DELETE = 1 << 3,
            ACL_TRUNCATE = 1 << 4, ACL_REFERENCES = 1 << 5, ACL_TRIGGER = 1 << 6;
    /** ACL_ALL_RIGHTS_RELATION: arwdDxt. */
    public static final int ACL_ALL_RIGHTS_RELATION = ACL_INSERT | ACL_SELECT | ACL_UPDATE | ACL_DELETE | ACL_TRUNCATE
            | ACL_REFERENCES | ACL_TRIGGER;
    /** ACL_ALL_RIGHTS_COLUMN: arwx, what a column's ACL can hold. */
    public static final int ACL_ALL_RIGHTS_COLUMN = ACL_INSERT | ACL_SELECT | ACL_UPDATE | ACL_REFERENCES;
    /** ACL_ALL_RIGHTS_STR: the letter of each bit, in bit order. */
    public static final String ACL_ALL_RIGHTS_STR = "arwdDxtXUCTcsA";
    /** ACL_ID_PUBLIC. */
    public static final int PUBLIC = 0;

    /** The privilege bit named in GRANT (select, insert, ...), or 0 if it is not one tables have. */
    public static int privilegeBit(String name) {
        return switch (name) {
            case "insert" -> ACL_INSERT;
            case "select" -> ACL_SELECT;
            case "update" -> ACL_UPDATE;
            case "delete" -> ACL_DELETE;
            case "truncate" -> ACL_TRUNCATE;
            case "references" -> ACL_REFERENCES;
            case "trigger" -> ACL_TRIGGER;
            default -> 0;
        };
    }

    /** acldefault(OBJECT_TABLE, owner): the owner holds every privilege, granted by itself. */
    public static int[] defaultAcl(int owner) {
        return new int[] {owner, owner, ACL_ALL_RIGHTS_RELATION};
    }

    /** The ACL in force: relacl, or the owner's default when relacl is NULL. */
    public static int[] effective(int[] acl, int owner) {
        return acl == null ? defaultAcl(owner) : acl;
    }

    /**
     * aclmask's first pass: the privileges (and grant options, in the high bits) that
     * {@code roleId} holds directly or through PUBLIC. Callers that find this insufficient ask
     * {@link #mask(int[], java.util.Set)} with the roles whose privileges it has, as aclmask's
     * second pass does (it is kept apart because membership costs a catalog read).
     */
    public static int mask(int[] acl, int roleId) {
        int m = 0;
        for (int i = 0; i < acl.length; i += 3) {
            if (acl[i] == roleId || acl[i] == PUBLIC) m |= acl[i + 2];
        }
        return m;
    }

    /**
     * aclmask with role membership: what is granted to PUBLIC or to any of {@code roles}
     * (roles_is_member_of(roleid, ROLERECURSE_PRIVS): the role and those it inherits from).
     */
    public static int mask(int[] acl, java.util.Set<Integer> roles) {
        int m = 0;
        for (int i = 0; i < acl.length; i += 3) {
            if (acl[i] == PUBLIC || roles.contains(acl[i])) m |= acl[i + 2];
        }
        return m;
    }

    /**
     * merge_acl_with_grant / aclupdate: grants ({@code grant}) or revokes {@code privs} (low
     * bits; with {@code grantOption} the grant options too, or for REVOKE GRANT OPTION FOR only
     * those) to or from each grantee, as given by {@code grantor}. A revoke with CASCADE also takes
     * the privileges away from whoever the grantee had granted them to (recursive_revoke); without
     * it, a grantee who passed the grant option on keeps the dependent grants PostgreSQL refuses
     * to orphan, and {@link DependentPrivilegesException} is thrown instead.
     */
    public static int[] update(int[] acl, boolean grant, int privs, boolean grantOption, int[] grantees, int grantor,
                               boolean cascade) {
        List<int[]> items = new ArrayList<>();
        for (int i = 0; i < acl.length; i += 3) items.add(new int[] {acl[i], acl[i + 1], acl[i + 2]});
        for (int grantee : grantees) {
            int[] item = null;
            for (int[] it : items) if (it[0] == grantee && it[1] == grantor) item = it;
            if (grant) {
                if (item == null) {
                    item = new int[] {grantee, grantor, 0};
                    items.add(item);
                }
                item[2] |= privs | (grantOption ? privs << 16 : 0);
            } else {
                int removed = grantOption ? privs << 16 : privs | privs << 16;
                if (item != null) {
                    int lostOptions = (item[2] & removed) >>> 16;
                    item[2] &= ~removed;
                    if (lostOptions != 0) revokeDependent(items, grantee, lostOptions, cascade);
                }
            }
        }
        items.removeIf(it -> it[2] == 0);
        int[] out = new int[items.size() * 3];
        for (int i = 0; i < items.size(); i++) System.arraycopy(items.get(i), 0, out, i * 3, 3);
        return out;
    }

    /**
     * aclnewowner: the ACL with {@code oldOwner} replaced by {@code newOwner} wherever it stands,
     * as grantee or grantor; items that then name the same grantee and grantor merge into one,
     * their privileges ORed, the first one's place kept.
     */
    public static int[] newOwner(int[] acl, int oldOwner, int newOwner) {
        List<int[]> items = new ArrayList<>();
        for (int i = 0; i < acl.length; i += 3) {
            int grantee = acl[i] == oldOwner ? newOwner : acl[i];
            int grantor = acl[i + 1] == oldOwner ? newOwner : acl[i + 1];
            int[] same = null;
            for (int[] it : items) if (it[0] == grantee && it[1] == grantor) same = it;
            if (same != null) same[2] |= acl[i + 2];
            else items.add(new int[] {grantee, grantor, acl[i + 2]});
        }
        int[] out = new int[items.size() * 3];
        for (int i = 0; i < items.size(); i++) System.arraycopy(items.get(i), 0, out, i * 3, 3);
        return out;
    }

    /**
     * RemoveRoleFromObjectACL's revoke: every privilege {@code role} holds as grantee goes, and,
     * as REVOKE ... CASCADE does, what it granted on the strength of its grant options. The same
     * array when the role holds nothing here.
     */
    public static int[] removeGrantee(int[] acl, int role) {
        boolean holds = false;
        for (int i = 0; i < acl.length; i += 3) if (acl[i] == role) holds = true;
        if (!holds) return acl;
        List<int[]> items = new ArrayList<>();
        for (int i = 0; i < acl.length; i += 3) items.add(new int[] {acl[i], acl[i + 1], acl[i + 2]});
        for (int[] it : items) {
            if (it[0] != role) continue;
            int lostOptions = it[2] >>> 16;
            it[2] = 0;
            if (lostOptions != 0) revokeDependent(items, role, lostOptions, true);
        }
        items.removeIf(it -> it[2] == 0);
        int[] out = new int[items.size() * 3];
        for (int i = 0; i < items.size(); i++) System.arraycopy(items.get(i), 0, out, i * 3, 3);
        return out;
    }

    /** recursive_revoke: privileges granted by {@code grantor} on the strength of options it no longer has. */
    private static void revokeDependent(List<int[]> items, int grantor, int lostOptions, boolean cascade) {
        for (int[] it : items) {
            if (it[1] != grantor || it[0] == grantor || (it[2] & (lostOptions | lostOptions << 16)) == 0) continue;
            if (!cascade) throw new DependentPrivilegesException();
            int lostHere = (it[2] >>> 16) & lostOptions;
            it[2] &= ~(lostOptions | lostOptions << 16);
            if (lostHere != 0) revokeDependent(items, it[0], lostHere, true);
        }
    }

    /** REVOKE without CASCADE would leave privileges granted through the revoked grant option. */
    public static final class DependentPrivilegesException extends RuntimeException {
        DependentPrivilegesException() {
            super("dependent privileges exist", null, false, false);
        }
    }

    /** aclitemout for every item: "grantee=privs/grantor", PUBLIC as an empty grantee. */
    public static List<String> toText(int[] acl, IntFunction<String> roleName) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < acl.length; i += 3) {
            StringBuilder sb = new StringBuilder();
            if (acl[i] != PUBLIC) sb.append(roleName.apply(acl[i]));
            sb.append('=');
            int p = acl[i + 2];
            for (int b = 0; b < ACL_ALL_RIGHTS_STR.length(); b++) {
                if ((p & (1 << b)) != 0) {
                    sb.append(ACL_ALL_RIGHTS_STR.charAt(b));
                    if ((p & (1 << (b + 16))) != 0) sb.append('*');
                }
            }
            sb.append('/').append(roleName.apply(acl[i + 1]));
            out.add(sb.toString());
        }
        return out;
    }

    /** ACL_CREATE, ACL_CREATE_TEMP, ACL_CONNECT: the privileges of databases. */
    public static final int ACL_CREATE = 1 << 9, ACL_CREATE_TEMP = 1 << 10, ACL_CONNECT = 1 << 11;

    /**
     * The privileges {@code roleId} holds on database {@code d} (pg_database_aclmask): datacl, or
     * acldefault(OBJECT_DATABASE): the owner has CREATE, TEMPORARY and CONNECT, PUBLIC has
     * TEMPORARY and CONNECT. datacl is kept as aclitem text with role OIDs ("=c/10").
     */
    public static int databaseMask(BootstrapCatalog.Database d, int roleId) {
        if (d.acl() == null) {
            int m = ACL_CREATE_TEMP | ACL_CONNECT;
            if (roleId == d.dba()) m |= ACL_CREATE;
            return m;
        }
        int m = 0;
        for (String item : d.acl()) {
            int eq = item.indexOf('='), slash = item.lastIndexOf('/');
            String grantee = item.substring(0, eq);
            if (!grantee.isEmpty() && Integer.parseInt(grantee) != roleId) continue;
            String privs = item.substring(eq + 1, slash);
            for (int i = 0; i < privs.length(); i++) {
                int bit = ACL_ALL_RIGHTS_STR.indexOf(privs.charAt(i));
                if (bit < 0) continue;
                boolean option = i + 1 < privs.length() && privs.charAt(i + 1) == '*';
                m |= 1 << bit;
                if (option) {
                    m |= 1 << (bit + 16);
                    i++;
                }
            }
        }
        return m;
    }

    /** ACL_EXECUTE and ACL_USAGE. */
    public static final int ACL_EXECUTE = 1 << 7, ACL_USAGE = 1 << 8;
    /** ACL_ALL_RIGHTS_* of the other object kinds. */
    public static final int ACL_ALL_RIGHTS_SEQUENCE = ACL_USAGE | ACL_SELECT | ACL_UPDATE,
            ACL_ALL_RIGHTS_DATABASE = ACL_CREATE | ACL_CREATE_TEMP | ACL_CONNECT, ACL_ALL_RIGHTS_FUNCTION = ACL_EXECUTE,
            ACL_ALL_RIGHTS_LANGUAGE = ACL_USAGE, ACL_ALL_RIGHTS_SCHEMA = ACL_USAGE | ACL_CREATE, ACL_ALL_RIGHTS_TYPE = ACL_USAGE;

    /** The privilege bit of any privilege word of GRANT (string_to_privilege), 0 if none. */
    public static int anyPrivilegeBit(String name) {
        return switch (name) {
            case "execute" -> ACL_EXECUTE;
            case "usage" -> ACL_USAGE;
            case "create" -> ACL_CREATE;
            case "temporary", "temp" -> ACL_CREATE_TEMP;
            case "connect" -> ACL_CONNECT;
            default -> privilegeBit(name);
        };
    }

    /**
     * acldefault(objtype, owner): the owner holds {@code ownerRights}; PUBLIC holds
     * {@code worldRights} (database: TEMP and CONNECT; function: EXECUTE; type and language:
     * USAGE), listed first as PostgreSQL lists it.
     */
    public static int[] defaultAcl(int owner, int ownerRights, int worldRights) {
        if (worldRights == 0) return new int[] {owner, owner, ownerRights};
        return new int[] {PUBLIC, owner, worldRights, owner, owner, ownerRights};
    }

    /** aclitemin of datacl's stored form (role OIDs in place of names, "=Tc/10"). */
    public static int[] fromOidText(List<String> items) {
        int[] out = new int[items.size() * 3];
        for (int k = 0; k < items.size(); k++) {
            String item = items.get(k);
            int eq = item.indexOf('='), slash = item.lastIndexOf('/');
            String grantee = item.substring(0, eq), privs = item.substring(eq + 1, slash);
            int m = 0;
            for (int i = 0; i < privs.length(); i++) {
                int bit = ACL_ALL_RIGHTS_STR.indexOf(privs.charAt(i));
                if (bit < 0) continue;
                m |= 1 << bit;
                if (i + 1 < privs.length() && privs.charAt(i + 1) == '*') {
                    m |= 1 << (bit + 16);
                    i++;
                }
            }
            out[k * 3] = grantee.isEmpty() ? PUBLIC : Integer.parseInt(grantee);
            out[k * 3 + 1] = Integer.parseInt(item.substring(slash + 1));
            out[k * 3 + 2] = m;
        }
        return out;
    }

    /** The stored form {@link #fromOidText} reads. */
    public static List<String> toOidText(int[] acl) {
        return toText(acl, Integer::toString);
    }
}
