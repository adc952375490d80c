#pragma once

// The AWS CLI v2's exit codes, and which one an error jobdesk-cli reports ends with.

#include "core/error.h"

namespace jobdesk::cli {

enum ExitCode {
    ExitSuccess = 0,
    ExitParamError = 252,    // the command line or a parameter was refused
    ExitConfigError = 253,   // no region, no credentials, a profile that does not resolve
    ExitServiceError = 254,  // the service answered with an error
    ExitGeneralError = 255,  // anything else, and values botocore refuses with a Python ValueError
    ExitInterrupted = 130,   // Ctrl+C: 128 + SIGINT, as the AWS CLI v2 ends on KeyboardInterrupt
};

int exitCodeFor(const Error &error);

}  // namespace jobdesk::cli
