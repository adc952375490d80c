#!/bin/sh
# Installs what is missing, builds a release, and opens JobDesk in demo mode:
# a fake CodePipeline endpoint runs inside the app with sample jobs.
set -eu
cd "$(dirname "$0")/../.."

packaging/linux/install-deps.sh

cmake --preset release -DJOBDESK_BUILD_TESTS=OFF
cmake --build --preset release -j "$(nproc)"

exec build/release/src/app/jobdesk --demo
