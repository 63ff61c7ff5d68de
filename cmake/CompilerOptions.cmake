# Warnings, sanitizers and the format target, shared by every target through foi_options.
add_library(foi_options INTERFACE)
target_compile_options(foi_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
    -Wimplicit-fallthrough -Wformat=2)
target_compile_definitions(foi_options INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_STRICT_ITERATORS QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_UP_TO=0x060400)
if(FOI_WERROR)
    target_compile_options(foi_options INTERFACE -Werror)
endif()
if(FOI_SANITIZE)
    # float-cast-overflow is not part of "undefined": a number from a file beyond an integer's range
    # (1e30 in a request file) cast to one is undefined behaviour, as the fuzzers found.
    target_compile_options(foi_options INTERFACE
        -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=undefined,float-cast-overflow
        -fno-omit-frame-pointer)
    target_link_options(foi_options INTERFACE -fsanitize=address,undefined,float-cast-overflow)
endif()
# Fuzzing: libFuzzer's coverage instrumentation and the sanitizers on everything built (foi_core and what
# links it); the fuzz executables add -fsanitize=fuzzer for libFuzzer itself (fuzz/CMakeLists.txt).
if(FOI_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "FOI_FUZZ needs clang, which has libFuzzer; the compiler is "
            "${CMAKE_CXX_COMPILER_ID} (${CMAKE_CXX_COMPILER}). Use the fuzz preset (cmake --preset fuzz), "
            "or configure a new build folder with -DCMAKE_CXX_COMPILER=clang++ (scripts/install-deps --fuzz "
            "installs clang).")
    endif()
    target_compile_options(foi_options INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(foi_options INTERFACE -fsanitize=address,undefined)
endif()

# clang-format: `cmake --build <dir> --target format` rewrites, the format-check test verifies.
find_program(CLANG_FORMAT_EXE NAMES clang-format clang-format-14)
file(GLOB_RECURSE FOI_FORMAT_SOURCES CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/app/*.cpp ${PROJECT_SOURCE_DIR}/app/*.h
    ${PROJECT_SOURCE_DIR}/core/*.cpp ${PROJECT_SOURCE_DIR}/core/*.h
    ${PROJECT_SOURCE_DIR}/ui/*.cpp ${PROJECT_SOURCE_DIR}/ui/*.h
    ${PROJECT_SOURCE_DIR}/tests/*.cpp ${PROJECT_SOURCE_DIR}/tests/*.h
    ${PROJECT_SOURCE_DIR}/bench/*.cpp ${PROJECT_SOURCE_DIR}/bench/*.h
    ${PROJECT_SOURCE_DIR}/fuzz/*.cpp ${PROJECT_SOURCE_DIR}/fuzz/*.h)
if(CLANG_FORMAT_EXE)
    add_custom_target(format
        COMMAND ${CLANG_FORMAT_EXE} -i ${FOI_FORMAT_SOURCES}
        WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
        COMMENT "Formatting the C++ sources with clang-format")
endif()
