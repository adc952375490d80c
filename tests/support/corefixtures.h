#pragma once

// Set-up that the core tests share and that needs nothing but jobdesk_core.

#include <QMap>
#include <QProcessEnvironment>
#include <QString>

namespace jobdesk::test {

// The environment a resolver or the AWS CLI gets to read shared config from home alone:
// PATH, HOME, both config file paths under home, no metadata-service lookups, then extra.
QProcessEnvironment sharedConfigEnvironment(const QString &home, const QMap<QString, QString> &extra = {});

}  // namespace jobdesk::test
