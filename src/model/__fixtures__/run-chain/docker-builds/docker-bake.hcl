variable "TAG" {
  default = "1.0"
}

target "jobs" {
  dockerfile = "Dockerfile"
  target     = "jobs"
  args = {
    JOB = "cleanup"
  }
  tags = ["acme/jobs:${TAG}"]
}
