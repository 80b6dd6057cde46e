import { IsString } from 'class-validator';

// A request body: its upper-case field is not an environment variable.
export class CreateUserDto {
  @IsString()
  SSN: string;
}
