#!/usr/bin/env python3
"""Starts moto's server for this project's tests, with runtime fixes for three emulator faults.

Why a launcher instead of `moto_server`:

1. getmoto/moto#10077 (moto < 5.2.3, fixed upstream by getmoto/moto#10093): with
   stepfunctions.execute_state_machine=true, StepFunctionsParserBackend.start_execution()
   runs copy.deepcopy(state_machine). Once an interpreted execution exists, that deepcopy
   reaches Execution.exec_worker.env._state_mutex, a threading.RLock, and every later
   StartExecution in the account/region fails with HTTP 500
   "cannot pickle '_thread.RLock' object". The execution is reachable through the state
   machine's own `executions` list and, via StateMachine.backend, through every other state
   machine of the backend. The fix below replaces only the `copy` name inside
   moto.stepfunctions.parser.models with a module whose deepcopy() pre-seeds the memo: the
   clone gets empty `executions` lists (as the upstream fix does) and shares the backend
   instead of copying it. Nothing else in moto changes. It is applied only to moto < 5.2.3;
   with `pip install 'moto[server]>=5.2.3'` it is not needed.

2. A stop lost during a Wait state: StopExecution wakes the interpreter with
   Event.set() immediately followed by Event.clear(). A Wait state whose thread has recorded
   WaitStateEntered but not yet begun Event.wait() misses the wake-up and sleeps its whole
   duration; the execution stays RUNNING that long although it was stopped (AWS aborts at
   once). The fix below makes the Wait sleep in slices of at most 0.1 s and end as soon as
   the program is no longer running. Waits that are not stopped last as long as before.

3. Unnamed executions named "None": in interpreter mode, StepFunctionsParserBackend.start_execution
   passes name=None on, the execution's ARN ends in ":None", and the next unnamed start of that
   state machine fails with ExecutionAlreadyExists. AWS generates a UUID (so does moto without the
   interpreter); the fix below does the same.

4. A free port: with `moto_server -p 0` moto sets MOTO_PORT=0, and the interpreter's own
   clients (service integrations) then cannot reach moto. This launcher binds the socket
   itself and exports the real port as MOTO_PORT.

When the server listens, one line goes to stdout: MOTO_READY http://HOST:PORT

By hand: python3 launch_moto.py --port 4584 --interpreter
"""

import argparse
import copy as _real_copy
import os
import signal
import sys
import types

FIXED_IN = (5, 2, 3)


def _version_tuple(version):
    parts = []
    for part in version.split(".")[:3]:
        digits = ""
        for ch in part:
            if not ch.isdigit():
                break
            digits += ch
        parts.append(int(digits or 0))
    return tuple(parts + [0] * (3 - len(parts)))


def _deepcopy_without_live_executions(x, memo=None):
    executions = getattr(x, "executions", None)
    if isinstance(executions, list):
        memo = {} if memo is None else memo
        memo.setdefault(id(executions), [])
        versions = getattr(x, "versions", None)
        if isinstance(versions, dict):
            for version in list(versions.values()):
                version_executions = getattr(version, "executions", None)
                if isinstance(version_executions, list):
                    memo.setdefault(id(version_executions), [])
        backend = getattr(x, "backend", None)
        if backend is not None:
            memo.setdefault(id(backend), backend)
    return _real_copy.deepcopy(x, memo)


def apply_execution_copy_fix(moto_version):
    if _version_tuple(moto_version) >= FIXED_IN:
        return False
    import moto.stepfunctions.parser.models as parser_models

    shim = types.ModuleType("copy")
    shim.__dict__.update(_real_copy.__dict__)
    shim.deepcopy = _deepcopy_without_live_executions
    parser_models.copy = shim
    return True


def apply_wait_stop_fix():
    try:
        from moto.stepfunctions.parser.asl.component.state.wait.wait_function import wait_function
    except ImportError:
        return False
    if not hasattr(wait_function.WaitFunction, "_wait_interval"):
        return False
    import time

    def _wait_interval(self, env, wait_seconds):
        deadline = time.time() + wait_seconds
        while env.is_running():
            left = deadline - time.time()
            if left <= 0:
                return
            env.program_state_event.wait(min(left, 0.1))

    wait_function.WaitFunction._wait_interval = _wait_interval
    return True


def apply_unnamed_execution_fix():
    try:
        from moto.stepfunctions.parser.models import StepFunctionsParserBackend
        from moto.moto_api._internal import mock_random
    except ImportError:
        return False
    original = StepFunctionsParserBackend.start_execution

    def start_execution(self, state_machine_arn, name=None, *args, **kwargs):
        return original(self, state_machine_arn, name or str(mock_random.uuid4()), *args, **kwargs)

    StepFunctionsParserBackend.start_execution = start_execution
    return True


def main(argv=None):
    parser = argparse.ArgumentParser(description="moto server for the aws-step-functions tests")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument(
        "--interpreter",
        action="store_true",
        help="switch the States Language interpreter on at start "
        "(the same as POST /moto-api/config {\"stepfunctions\":{\"execute_state_machine\":true}})",
    )
    args = parser.parse_args(argv)

    try:
        import moto
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
        from werkzeug.serving import make_server
        import flask_cors  # noqa: F401  (server extra)
        import antlr4  # noqa: F401  (States Language interpreter)
        import jsonpath_ng  # noqa: F401  (States Language interpreter)
    except ImportError as e:
        print(
            "MOTO_UNAVAILABLE moto's server with the Step Functions interpreter cannot be imported "
            f"by {sys.executable}: {e}. Install it with: pip install 'moto[server,stepfunctions]>=5.2.1' "
            "(5.2.3 or later needs no runtime fix), or point the tests at another interpreter "
            "with -Dmoto.python=/path/to/python3.",
            flush=True,
        )
        return 3

    patched = apply_execution_copy_fix(moto.__version__)
    wait_fixed = apply_wait_stop_fix()
    unnamed_fixed = apply_unnamed_execution_fix()
    print(
        f"moto {moto.__version__}: getmoto/moto#10077 fix {'applied' if patched else 'not needed'};"
        f" stop-during-Wait fix {'applied' if wait_fixed else 'not applicable'};"
        f" unnamed-execution fix {'applied' if unnamed_fixed else 'not applicable'}",
        file=sys.stderr,
        flush=True,
    )

    if args.interpreter:
        from moto.core.config import default_user_config

        default_user_config["stepfunctions"] = {"execute_state_machine": True}

    app = DomainDispatcherApplication(create_backend_app)
    server = make_server(args.host, args.port, app, threaded=True)
    port = server.server_port
    os.environ["MOTO_PORT"] = str(port)

    def stop(signum, frame):
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    print(f"MOTO_READY http://{args.host}:{port}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
