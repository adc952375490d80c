#pragma once

// What the window needs for demo mode, as plain values: the demo profile's
// source and what the lookup form starts with. The application builds it, so
// the window never knows that a local endpoint serves the jobs.

#include "core/secret.h"

#include <QString>
#include <QUrl>

namespace jobdesk::gui {

class ProfileSource;

struct DemoSetup
{
    ProfileSource *profiles = nullptr;  // not owned; must outlive the window's use of it
    QUrl endpoint;                      // named in the status bar
    QUrl s3Endpoint;                    // where the jobs' artifacts are, addressed path-style
    QString region;
    QString jobId;
    Secret clientToken;
};

}  // namespace jobdesk::gui
