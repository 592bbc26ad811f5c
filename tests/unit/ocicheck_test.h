/* cmocka 1.1 needs these before its header. */
#ifndef OCICHECK_TEST_H
#define OCICHECK_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#endif
