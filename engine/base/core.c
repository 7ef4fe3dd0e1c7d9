/* Core definitions: error strings, initialisation, version. */
#include "signpost/core.h"

#include <sodium.h>

#include "base/util.h"

const char *sp_strerror(int err)
{
    switch (err) {
    case SP_OK: return _("success");
    case SP_ENOMEM: return _("out of memory");
    case SP_EIO: return _("input/output error");
    case SP_EINVAL: return _("invalid argument");
    case SP_EINPUT: return _("the input is invalid");
    case SP_ELIMIT: return _("the input exceeds a limit");
    case SP_ENOTFOUND: return _("not found");
    case SP_ESIG: return _("the signature does not verify");
    case SP_EKEY: return _("the key is invalid or the passphrase is wrong");
    case SP_EEXIST: return _("the file already exists");
    case SP_ECRYPTO: return _("the cryptographic library failed");
    case SP_EBUSY: return _("in use by another process");
    }
    return _("unknown error");
}

int sp_init(void)
{
    return sodium_init() < 0 ? SP_ECRYPTO : 0;
}

const char *sp_version(void)
{
    return SIGNPOST_VERSION;
}
