#pragma once

// The help pages of jobdesk-cli: an overview (`jobdesk-cli help`) and one page
// per operation (`jobdesk-cli OPERATION help`, `--help`) describing each option
// with the model's constraints, and the shape of the output.

#include "core/codepipeline/servicemodel.h"

#include <QString>

namespace jobdesk::cli {

class HelpText
{
public:
    static QString overview();
    static QString operationPage(const codepipeline::Operation &operation);
    static QString profilePage();
    static QString artifactPage();
    static QString ssoPage();

    // The one-line description of an operation or of a parameter (by member name).
    static QString operationSummary(const codepipeline::Operation &operation);
    static QString parameterDescription(const std::string &memberName);
};

}  // namespace jobdesk::cli
