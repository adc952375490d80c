# Runs a command and writes its standard output to a file, failing with the
# command; for build steps that need a redirection without relying on a shell:
#
#   cmake -DOUTPUT=file -P JobDeskStdoutToFile.cmake -- COMMAND [ARGS...]
cmake_minimum_required(VERSION 3.25)

set(_command "")
set(_take OFF)
math(EXPR _last "${CMAKE_ARGC} - 1")
foreach(i RANGE ${_last})
    if(_take)
        list(APPEND _command "${CMAKE_ARGV${i}}")
    elseif(CMAKE_ARGV${i} STREQUAL "--")
        set(_take ON)
    endif()
endforeach()
if(NOT OUTPUT OR NOT _command)
    message(FATAL_ERROR "usage: cmake -DOUTPUT=file -P JobDeskStdoutToFile.cmake -- COMMAND [ARGS...]")
endif()

execute_process(COMMAND ${_command} OUTPUT_FILE "${OUTPUT}.tmp" ERROR_VARIABLE _err RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
    file(REMOVE "${OUTPUT}.tmp")
    message(FATAL_ERROR "`${_command}` failed (${_rc}): ${_err}")
endif()
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
