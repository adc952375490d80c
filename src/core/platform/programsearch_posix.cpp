#include "core/platform/programsearch.h"

#include <QDir>

namespace jobdesk::platform {

ProgramSearch::Places ProgramSearch::nativePlaces(const QProcessEnvironment &env)
{
    // execvp searches PATH only: neither the program's folder nor the current one.
    Places places;
    places.path = env.value(QStringLiteral("PATH")).split(QDir::listSeparator(), Qt::SkipEmptyParts);
    return places;
}

}  // namespace jobdesk::platform
