/*
 * The ICU converter functions libxml2's static archive refers to, for the
 * static executable only (OCICHECK_STATIC_DEPS).
 *
 * Debian builds libxml2 with ICU, so its archive refers to seven converter
 * functions (encoding.o), used only to open an encoding libxml2 cannot
 * convert itself. The reports ocicheck writes are UTF-8, which libxml2
 * handles without ICU. Linking Debian's ICU archives for them made the
 * executable 36 MB instead of 3 (ICU's converter data) and pulled in
 * libstdc++: a short run started in 1.0 ms instead of 0.74 (perf stat,
 * --version, 139 page faults instead of 52), and start-up is the cost of a
 * pre-commit or CI run (SPEC 8 (a)). Here every converter fails to open,
 * as ICU's does for a name it lacks, so libxml2 says the encoding is
 * unsupported; the other functions are reached only through an open
 * converter and fail if ever called. Signatures and the versioned names
 * (ucnv_open_72 ...) come from ICU's own headers (libicu-dev, which
 * libxml2-dev depends on), so they match the archive's references.
 */
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

UConverter *
ucnv_open(const char *name, UErrorCode *err)
{
	(void)name;
	if (err != NULL && *err <= U_ZERO_ERROR)
		*err = U_FILE_ACCESS_ERROR;
	return NULL;
}

void
ucnv_close(UConverter *cnv)
{
	(void)cnv;
}

void
ucnv_convertEx(UConverter *to, UConverter *from, char **target,
    const char *target_limit, const char **source, const char *source_limit,
    UChar *pivot_start, UChar **pivot_source, UChar **pivot_target,
    const UChar *pivot_limit, UBool reset, UBool flush, UErrorCode *err)
{
	(void)to, (void)from, (void)target, (void)target_limit;
	(void)source, (void)source_limit, (void)pivot_start;
	(void)pivot_source, (void)pivot_target, (void)pivot_limit;
	(void)reset, (void)flush;
	if (err != NULL)
		*err = U_UNSUPPORTED_ERROR;
}

void
ucnv_setToUCallBack(UConverter *cnv, UConverterToUCallback action,
    const void *context, UConverterToUCallback *old_action,
    const void **old_context, UErrorCode *err)
{
	(void)cnv, (void)action, (void)context, (void)old_action;
	(void)old_context;
	if (err != NULL)
		*err = U_UNSUPPORTED_ERROR;
}

void
ucnv_setFromUCallBack(UConverter *cnv, UConverterFromUCallback action,
    const void *context, UConverterFromUCallback *old_action,
    const void **old_context, UErrorCode *err)
{
	(void)cnv, (void)action, (void)context, (void)old_action;
	(void)old_context;
	if (err != NULL)
		*err = U_UNSUPPORTED_ERROR;
}

void
UCNV_FROM_U_CALLBACK_STOP(const void *context, UConverterFromUnicodeArgs *args,
    const UChar *units, int32_t length, UChar32 cp,
    UConverterCallbackReason reason, UErrorCode *err)
{
	(void)context, (void)args, (void)units, (void)length, (void)cp;
	(void)reason, (void)err;
}

void
UCNV_TO_U_CALLBACK_STOP(const void *context, UConverterToUnicodeArgs *args,
    const char *units, int32_t length, UConverterCallbackReason reason,
    UErrorCode *err)
{
	(void)context, (void)args, (void)units, (void)length, (void)reason;
	(void)err;
}
